#!/usr/bin/env node
// The recourse-verify command: runs the TypeScript sources beside this file.
require('@swc-node/register');
require('./cli.ts');
