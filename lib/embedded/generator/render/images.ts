import "server-only";

import type { ChatFile } from "../../../v0/types";
import type { Context } from "./content";
import { imagePath } from "./item-sections";
import { accentShades } from "./theme";

// A picture for each item, drawn as a small SVG in public/images/: the app
// needs no image service and no network, and each picture differs a little.
export function images(ctx: Context): ChatFile[] {
  const shades = accentShades(ctx.spec.accent);
  return ctx.items.map((item, i) => {
    const [from, to] = i % 2 === 0 ? [shades.softLight, shades.light] : [shades.light, shades.softLight];
    const cx = 120 + ((i * 97) % 360);
    const cy = 90 + ((i * 53) % 220);
    return {
      name: `public${imagePath(item.title)}`,
      content: `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400" viewBox="0 0 600 400">
  <defs>
    <linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${from}"/>
      <stop offset="1" stop-color="${to}"/>
    </linearGradient>
  </defs>
  <rect width="600" height="400" fill="url(#g)"/>
  <circle cx="${cx}" cy="${cy}" r="${70 + (i % 3) * 25}" fill="#ffffff" fill-opacity="0.28"/>
  <rect x="${360 - (i % 4) * 40}" y="${230 - (i % 3) * 30}" width="160" height="110" rx="24" fill="#ffffff" fill-opacity="0.18"/>
</svg>
`,
    };
  });
}
