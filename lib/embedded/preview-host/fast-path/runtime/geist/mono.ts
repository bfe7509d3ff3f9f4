// geist/font/mono: Geist Mono, with the package's CSS variable.
import { font } from "../fonts";

export const GeistMono = font("Geist Mono", { variable: "--font-geist-mono" });
