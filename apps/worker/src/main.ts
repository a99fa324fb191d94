// Placeholder until the API lands: prints the version.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../../../package.json');
console.log(JSON.stringify({ msg: 'recourse', version }));
