// The production-build suite needs no browser, only the build; each test
// file starts its own `next start` with the configuration it tests.
import { buildOnce } from "../support/build";

export default function setup() {
  buildOnce();
}
