import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth";

// Sign-up, sign-in, sign-out and session endpoints, served by better-auth.
export const GET = (req: Request) => toNextJsHandler(getAuth()).GET(req);
export const POST = (req: Request) => toNextJsHandler(getAuth()).POST(req);
