#!/usr/bin/env node
// Compiles every Kaitai Struct spec in formats/specs into the committed readers:
// Python (formats/generated), JavaScript (generated/js), C++/STL (generated/cpp)
// and graphviz diagrams (formats/diagrams, plus .svg when `dot` is installed).
// Usage: node formats/compile.js [--out DIR] [--no-svg]
// DIR defaults to formats/; the freshness test compiles into a temporary DIR and
// compares. Needs only `npm ci --prefix formats` beforehand.
"use strict";

const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const yaml = require("js-yaml");
const compiler = require("kaitai-struct-compiler");

const SPEC_DIR = path.join(__dirname, "specs");
const REGENERATE = "node formats/compile.js  (after: npm ci --prefix formats)";

const TARGETS = [
  { lang: "python", dir: "generated", files: (id) => [`${id}.py`], comment: "#" },
  { lang: "javascript", dir: "generated/js", files: (id) => [`${camel(id)}.js`], comment: "//" },
  { lang: "cpp_stl", dir: "generated/cpp", files: (id) => [`${id}.h`, `${id}.cpp`], comment: "//" },
  { lang: "graphviz", dir: "diagrams", files: (id) => [`${id}.dot`], comment: "//" },
];

function camel(id) {
  return id.split("_").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

function parseArgs(argv) {
  const args = { out: __dirname, svg: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") args.out = path.resolve(argv[++i]);
    else if (argv[i] === "--no-svg") args.svg = false;
    else throw new Error(`unknown argument ${argv[i]}; usage: node formats/compile.js [--out DIR] [--no-svg]`);
  }
  return args;
}

function loadSpec(name) {
  return yaml.load(fs.readFileSync(path.join(SPEC_DIR, `${name}.ksy`), "utf8"));
}

const importer = { importYaml: (name) => Promise.resolve(loadSpec(name)) };

function header(comment, specFile) {
  return [
    `${comment} Generated from formats/specs/${specFile} by kaitai-struct-compiler ${compiler.version}.`,
    `${comment} Do not edit: change the spec and regenerate with`,
    `${comment}   ${REGENERATE}`,
    "",
  ].join("\n");
}

// Generated Python imports sibling specs as top-level modules; make them
// package-relative so the readers import as formats.generated.<name>.
function relativeImports(source, imports) {
  return imports.reduce(
    (text, name) => text.replace(new RegExp(`^import ${name}$`, "m"), `from . import ${name}`),
    source,
  );
}

function svgFromDot(dotText) {
  return execFileSync("dot", ["-Tsvg"], { input: dotText }).toString();
}

function hasDot() {
  try {
    execFileSync("dot", ["-V"], { stdio: "ignore" });
    return true;
  } catch (err) {
    return false;
  }
}

async function compileSpec(specFile, args, withSvg) {
  const spec = yaml.load(fs.readFileSync(path.join(SPEC_DIR, specFile), "utf8"));
  const id = spec.meta.id;
  const imports = spec.meta.imports || [];
  for (const target of TARGETS) {
    const outputs = await compiler.compile(target.lang, spec, importer, false);
    const outDir = path.join(args.out, target.dir);
    fs.mkdirSync(outDir, { recursive: true });
    for (const fileName of target.files(id)) {
      if (!(fileName in outputs)) throw new Error(`${specFile}: compiler produced no ${fileName}`);
      let text = outputs[fileName];
      if (target.lang === "python") text = relativeImports(text, imports);
      fs.writeFileSync(path.join(outDir, fileName), header(target.comment, specFile) + text);
      if (target.lang === "graphviz" && withSvg) {
        const note = header("", specFile).trim().replace(/\n/g, " ");
        const svg = svgFromDot(text).replace(/(<svg\b)/, `<!-- ${note} -->\n$1`);
        fs.writeFileSync(path.join(outDir, `${id}.svg`), svg);
      }
    }
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const withSvg = args.svg && hasDot();
  const specs = fs.readdirSync(SPEC_DIR).filter((f) => f.endsWith(".ksy")).sort();
  for (const specFile of specs) await compileSpec(specFile, args, withSvg);
  console.log(`compiled ${specs.length} specs into ${args.out}${withSvg ? " (with svg)" : ""}`);
}

main().catch((err) => {
  console.error(`compile.js: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
