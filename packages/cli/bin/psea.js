#!/usr/bin/env node
// The psea command: compiled from packages/cli/src (npm ci builds it).
require('../dist/main.js');
