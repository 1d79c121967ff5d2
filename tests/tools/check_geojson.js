#!/usr/bin/env node
// check_geojson.js - validates a GeoJSON file with @placemarkio/check-geojson
// (RFC 7946 as Placemark reads it). Prints each issue and exits 1 if any.
// Usage: node tests/tools/check_geojson.js FILE
"use strict";
const fs = require("fs");
const path = require("path");
const { check, HintError } = require(path.join(__dirname, "..", "node_modules", "@placemarkio", "check-geojson"));

const text = fs.readFileSync(process.argv[2], "utf8");
try {
  const gj = check(text);
  const n = gj.features ? gj.features.length : 0;
  console.log(`valid GeoJSON: ${gj.type}, ${n} features`);
} catch (err) {
  if (err instanceof HintError) {
    for (const issue of err.issues) console.error(`${issue.from}-${issue.to}: ${issue.message}`);
    process.exit(1);
  }
  throw err;
}
