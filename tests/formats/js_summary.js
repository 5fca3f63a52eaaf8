#!/usr/bin/env node
// Parses a raw file with the generated JavaScript reader and prints one JSON line:
// record count and checksums (sums of event numbers, times of day in ns, payload values).
// Usage: node tests/formats/js_summary.js FORMAT FILE   (FORMAT: iact, hiscore, grande, t133, trex, kascade_grande)
"use strict";

const fs = require("fs");
const path = require("path");

const GENERATED = path.resolve(__dirname, "../../formats/generated/js");

function timeOfDayNs(t) {
  const seconds = BigInt(t.hours * 3600 + t.minutes * 60 + t.seconds);
  return seconds * 1000000000n + BigInt(t.milliseconds * 1000000 + t.microseconds * 1000 + t.tensOfNs * 10);
}

const FORMATS = {
  iact: { cls: "Iact", records: (f) => f.packages, event: (r) => r.eventNumber, time: (r) => timeOfDayNs(r.time),
          values: (r) => r.channels.flatMap((c) => [c.big, c.small]) },
  hiscore: { cls: "Hiscore", records: (f) => f.packages, event: (r) => r.eventNumber, time: (r) => timeOfDayNs(r.time),
             values: (r) => r.blocks.flatMap((b) => b.samples) },
  grande: { cls: "Grande", records: (f) => f.packages, event: (r) => r.eventNumber, time: (r) => timeOfDayNs(r.time),
            values: (r) => r.channels.flatMap((c) => c.samples) },
  t133: { cls: "T133", records: (f) => f.links, event: (r) => r.info.eventNumber, time: (r) => timeOfDayNs(r.info.time),
          values: (r) => r.packages.flatMap((p) => p.words) },
  trex: { cls: "Trex", records: (f) => f.links, event: (r) => r.info.eventNumber, time: (r) => timeOfDayNs(r.info.time),
          values: (r) => r.packages.flatMap((p) => p.words) },
  kascade_grande: { cls: "KascadeGrande", records: (f) => f.records, event: (r) => r.eventNumber,
                    time: (r) => BigInt(r.unixSeconds) * 1000000000n + BigInt(r.nanoseconds),
                    values: (r) => r.stations.map((s) => s.adc) },
};

function main(formatName, file) {
  const spec = FORMATS[formatName];
  if (!spec || !file) throw new Error("usage: node js_summary.js FORMAT FILE");
  const KaitaiStream = require(path.join(GENERATED, "../../node_modules/kaitai-struct/KaitaiStream"));
  const Reader = require(path.join(GENERATED, `${spec.cls}.js`))[spec.cls];
  const parsed = new Reader(new KaitaiStream(fs.readFileSync(file)));
  let events = 0n, times = 0n, values = 0n;
  const records = spec.records(parsed);
  for (const record of records) {
    events += BigInt(spec.event(record));
    times += spec.time(record);
    for (const v of spec.values(record)) values += BigInt(v);
  }
  console.log(JSON.stringify({ records: records.length, event_sum: events.toString(), time_sum: times.toString(),
                               value_sum: values.toString() }));
}

try {
  main(process.argv[2], process.argv[3]);
} catch (err) {
  console.error(`js_summary.js: ${err.message}`);
  process.exit(1);
}
