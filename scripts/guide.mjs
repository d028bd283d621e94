// Writes the package's user documentation into pkg/: GUIDE.md (the project README as a package
// user reads it: without the section on building from source, links only to what the package
// holds) and docs/ (the user documents the README links to). Run by scripts/build.
//   node scripts/guide.mjs <repository root> <package dir>
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { join } from "node:path";

const [root, pkg] = process.argv.slice(2);
/** The documents a package user needs, shipped under docs/. */
export const SHIPPED = ["calls.md", "validation.md", "security.md", "bundlers.md", "browsers.md", "choices.md"];

let guide = readFileSync(join(root, "README.md"), "utf8");
// Building from source is the repository's business: the package user has the package.
guide = guide.replace(/^## Getting it\n[\s\S]*?(?=^## )/m, "");
// A link to what the package does not hold keeps its text and loses its target.
guide = guide.replace(/\[([^\]]+)\]\(([^)]+)\)/g, (whole, text, target) => {
  if (/^[a-z]+:/.test(target) || target.startsWith("#")) return whole;
  const file = target.split("#")[0];
  return file.startsWith("docs/") && SHIPPED.includes(file.slice(5)) ? whole : text;
});
writeFileSync(join(pkg, "GUIDE.md"), guide);
mkdirSync(join(pkg, "docs"), { recursive: true });
for (const f of SHIPPED) copyFileSync(join(root, "docs", f), join(pkg, "docs", f));
