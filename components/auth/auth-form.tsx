"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { signInWithEmail, signUpWithEmail } from "@/lib/auth-client";

type Mode = "sign-in" | "sign-up";

const copy = {
  "sign-in": { title: "Welcome back", action: "Sign in", busy: "Signing in…", switchText: "New here?", switchLink: "Create an account", switchHref: "/sign-up" },
  "sign-up": { title: "Create your account", action: "Create account", busy: "Creating account…", switchText: "Already have an account?", switchLink: "Sign in", switchHref: "/sign-in" },
} as const;

export function AuthForm({ mode }: { mode: Mode }) {
  const router = useRouter();
  const next = safeNext(useSearchParams().get("next"));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const text = copy[mode];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setPending(true);
    setError(null);
    const result =
      mode === "sign-up"
        ? await signUpWithEmail({ email, password, name: String(form.get("name") ?? "") || email.split("@")[0]! })
        : await signInWithEmail({ email, password });
    setPending(false);
    if (!result.ok) {
      setError(friendlyAuthError(result.status, mode));
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <div className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center gap-6 px-6">
      <h1 className="text-2xl font-semibold tracking-tight">{text.title}</h1>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        {mode === "sign-up" && (
          <div className="flex flex-col gap-2">
            <Label htmlFor="name">Your name</Label>
            <Input id="name" name="name" autoComplete="name" />
          </div>
        )}
        <div className="flex flex-col gap-2">
          <Label htmlFor="email">Email</Label>
          <Input id="email" name="email" type="email" autoComplete="email" required />
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor="password">Password</Label>
          <Input
            id="password"
            name="password"
            type="password"
            autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
            minLength={8}
            required
          />
          {mode === "sign-up" && <p className="text-xs text-muted-foreground">At least 8 characters.</p>}
        </div>
        {error && (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        )}
        <Button type="submit" disabled={pending}>
          {pending ? text.busy : text.action}
        </Button>
      </form>
      <p className="text-sm text-muted-foreground">
        {text.switchText}{" "}
        <Link href={text.switchHref} className="font-medium text-foreground underline underline-offset-4">
          {text.switchLink}
        </Link>
      </p>
    </div>
  );
}

function friendlyAuthError(status: number, mode: Mode): string {
  if (status === 0) return "We couldn't reach the server. Check your connection and try again.";
  if (status === 429) return "Too many attempts. Please wait a minute and try again.";
  if (mode === "sign-in") return "That email and password don't match an account.";
  if (status === 422) return "An account with that email already exists. Try signing in.";
  return "Please check your email and use a password of at least 8 characters.";
}

// Only same-site paths, so a crafted link can't bounce a builder elsewhere.
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
