import { AppList } from "@/components/home/app-list";
import { HomeClient } from "@/components/home/home-client";
import { UserMenu } from "@/components/layout/user-menu";
import { toAppView } from "@/lib/api/app-view";
import { getAppsByOwnerId } from "@/lib/db/queries";
import { requireUser } from "@/lib/session";

export default async function HomePage() {
  const user = await requireUser();
  const apps = (await getAppsByOwnerId({ ownerId: user.id })).map(toAppView);
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-10 px-6 py-8">
      <header className="flex items-center justify-between">
        <span className="font-semibold">App Builder</span>
        <UserMenu email={user.email} />
      </header>
      <HomeClient />
      <section className="flex flex-col gap-4">
        <h2 className="text-xl font-semibold">Your apps</h2>
        <AppList apps={apps} />
      </section>
    </div>
  );
}
