import { z } from "zod";

const MAX_MESSAGE_LENGTH = 4000;

export const chatRequestSchema = z
  .object({
    message: z
      .string({ error: "Type a message first." })
      .trim()
      .min(1, "Type a message first.")
      .max(MAX_MESSAGE_LENGTH, `Keep messages under ${MAX_MESSAGE_LENGTH} characters.`),
    appId: z.uuid({ error: "We couldn't find that app." }).optional(),
    chatId: z.string().min(1).max(200).optional(),
  })
  .strict();

export type ChatRequest = z.infer<typeof chatRequestSchema>;
