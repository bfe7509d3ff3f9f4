// geist/font/sans: Geist, with the package's CSS variable.
import { font } from "../fonts";

export const GeistSans = font("Geist", { variable: "--font-geist-sans" });
