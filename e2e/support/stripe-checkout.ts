// A version of a local generator's app that takes payments the way v0's
// Stripe storefronts do: `stripe` in package.json, a client created at module
// scope from STRIPE_SECRET_KEY (stripe 18 refuses a missing key: "Neither
// apiKey nor config.authenticator provided"), a checkout route handler and a
// home page rendered on the server with that client. The route handler puts
// it on the local host's next path, and `next build` stops while collecting
// page data until the key has a value. Its only setting is that key.
import type { ChatFile } from "@/lib/v0/types";

export const CHECKOUT_HEADING = "Mug Checkout";
export const CHECKOUT_TEXT = "Card payments are on: hand-thrown mugs, €32 each.";
// The error next build prints before its summary when the key has no value.
export const MISSING_KEY_CAUSE = "Error: Neither apiKey nor config.authenticator provided";

const files: Record<string, string> = {
  "lib/stripe.ts": `import Stripe from "stripe"

export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string)
`,
  "app/api/checkout/route.ts": `import { stripe } from "@/lib/stripe"

export async function POST(request: Request) {
  const origin = new URL(request.url).origin
  const session = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [{ price_data: { currency: "eur", unit_amount: 3200, product_data: { name: "Mug" } }, quantity: 1 }],
    success_url: \`\${origin}/?paid=1\`,
    cancel_url: \`\${origin}/\`,
  })
  return Response.redirect(session.url!, 303)
}
`,
  "app/page.tsx": `import { Button } from "@/components/ui/button"
import { stripe } from "@/lib/stripe"

export const dynamic = "force-dynamic"

export default function CheckoutPage() {
  const canPay = typeof stripe.checkout.sessions.create === "function"
  return (
    <main className="mx-auto max-w-xl space-y-6 px-6 py-20">
      <h1 className="text-4xl font-bold tracking-tight">${CHECKOUT_HEADING}</h1>
      <p className="text-muted-foreground">{canPay ? ${JSON.stringify(CHECKOUT_TEXT)} : "Payments are off."}</p>
      <form action="/api/checkout" method="POST">
        <Button type="submit">Buy a mug</Button>
      </form>
    </main>
  )
}
`,
};

export function withStripeCheckout(latest: ChatFile[]): ChatFile[] {
  const kept = latest.filter((f) => !(f.name in files)).map((f) => (f.name === "package.json" ? { name: f.name, content: withStripe(f.content) } : f));
  return [...kept, ...Object.entries(files).map(([name, content]) => ({ name, content }))];
}

function withStripe(packageJson: string): string {
  const manifest = JSON.parse(packageJson) as { dependencies: Record<string, string> };
  manifest.dependencies = { ...manifest.dependencies, stripe: "18.5.0" };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
