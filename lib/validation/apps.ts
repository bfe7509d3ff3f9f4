import { z } from "zod";

const appNameSchema = z
  .string({ error: "Give your app a name." })
  .trim()
  .min(1, "Give your app a name.")
  .max(80, "Keep the name under 80 characters.");

export const createAppSchema = z.object({ name: appNameSchema }).strict();
export const updateAppSchema = z.object({ name: appNameSchema }).strict();
