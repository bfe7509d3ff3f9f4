import { notFound } from "next/navigation";
import { ChatDetailClient } from "@/components/chats/chat-detail-client";
import { toAppView } from "@/lib/api/app-view";
import { getAppByIdForOwner } from "@/lib/db/queries";
import { requireUser } from "@/lib/session";
import { z } from "zod";

export default async function AppPage({ params }: { params: Promise<{ appId: string }> }) {
  const user = await requireUser();
  const { appId } = await params;
  // Someone else's app looks exactly like one that doesn't exist.
  if (!z.uuid().safeParse(appId).success) notFound();
  const app = await getAppByIdForOwner({ id: appId, ownerId: user.id });
  if (!app) notFound();
  return <ChatDetailClient app={toAppView(app)} userEmail={user.email} isAdmin={user.role === "admin"} />;
}
