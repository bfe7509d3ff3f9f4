import { z } from "zod";

// Names are checked by lib/settings (plain messages for each rule); here only
// the shapes. Values are size-checked against the app's 64 KB total there.
export const settingValueSchema = z.object({ value: z.string({ error: "Enter a value." }) }).strict();
export const newSettingSchema = z
  .object({ name: z.string({ error: "Enter a name." }).min(1, "Enter a name.").max(256), value: z.string().optional() })
  .strict();

// Values up to 64 KB, JSON-escaped (a quote or backslash takes two bytes, a control character six).
export const SETTINGS_BODY_LIMIT = 400 * 1024;
