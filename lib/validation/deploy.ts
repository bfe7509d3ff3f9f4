import { z } from "zod";

export const previewSyncSchema = z.object({ chatId: z.string({ error: "Missing conversation." }).min(1).max(200) }).strict();
export const emptyBodySchema = z.object({}).strict();
export const rollbackBodySchema = z.object({ versionId: z.uuid({ error: "Choose a version." }) }).strict();
