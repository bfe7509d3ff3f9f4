const LEAD_INS = /^(please\s+)?((can|could) you\s+)?(build|make|create|design|generate|write|i want|i need|i'd like|give me)(\s+me)?\s+/i;
const ARTICLE = /^(a|an|the|my|our)\s+/i;
const MAX_LENGTH = 40;

// A readable name for a new app from its first prompt.
export function appNameFromPrompt(prompt: string): string {
  const words = prompt.replace(/\s+/g, " ").trim().replace(LEAD_INS, "").replace(ARTICLE, "").replace(/[.!?]+$/, "");
  if (!words) return "Untitled app";
  let name = words;
  if (name.length > MAX_LENGTH) {
    const cut = name.slice(0, MAX_LENGTH);
    name = cut.slice(0, cut.lastIndexOf(" ") > 10 ? cut.lastIndexOf(" ") : MAX_LENGTH).trimEnd() + "…";
  }
  return name.charAt(0).toUpperCase() + name.slice(1);
}
