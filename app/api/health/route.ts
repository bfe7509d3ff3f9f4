// GET /api/health – liveness for load balancers and the benchmark's baseline
export const dynamic = "force-static";

export function GET() {
  return Response.json({ status: "ok" });
}
