'use strict';
// Calls the Calc.asmx at the URL given as the first argument with the npm soap package, reading its WSDL, and
// prints what each call gave as one JSON object on stdout, for NpmSoapIT to check. Each call's answer is
// {"result": ...} or {"error": {"message", "status", "fault"}}; a failure outside the calls exits 1.
const soap = require('soap');

const url = process.argv[2];
const TIMEOUT_MS = 15000;

function describeError(err) {
  const body = err && err.root && err.root.Envelope && err.root.Envelope.Body;
  return {
    message: String(err && err.message),
    status: err && err.response ? err.response.status : null,
    fault: body && body.Fault ? body.Fault : null,
  };
}

async function call(client, name, args) {
  try {
    const [result] = await client[name + 'Async'](args, { timeout: TIMEOUT_MS });
    return { result: result === undefined ? null : result };
  } catch (err) {
    return { error: describeError(err) };
  }
}

async function calls(client) {
  return {
    add: await call(client, 'Add', { a: 2, b: 3 }),
    hello: await call(client, 'Hello', { name: 'Ada & <co> \u00c5sa \u65e5\u672c' }),
    older: await call(client, 'Older', {
      p: { name: 'Grace', age: 40, tags: { string: ['navy', 'rear admiral'] } },
      years: 5,
    }),
    sum: await call(client, 'Sum', { values: { int: [1, 2, 3, 4] } }),
    split: await call(client, 'Split', { text: 'a,b,c' }),
    refuse: await call(client, 'Refuse', { account: '42' }),
  };
}

async function main() {
  const options = { wsdl_options: { timeout: TIMEOUT_MS } };
  const out = { soapVersion: require('soap/package.json').version, node: process.version };

  // as the package calls by default: a SOAP 1.1 envelope, text/xml and SOAPAction
  const client = await soap.createClientAsync(url + '?wsdl', options);
  const description = client.describe();
  out.ports = Object.fromEntries(
    Object.entries(description).map(([service, ports]) => [
      service,
      Object.fromEntries(Object.entries(ports).map(([port, ops]) => [port, Object.keys(ops).sort()])),
    ]),
  );
  out.soap11 = await calls(client);

  // SOAP 1.2: application/soap+xml with the action parameter
  const client12 = await soap.createClientAsync(url + '?wsdl', { ...options, forceSoap12Headers: true });
  out.soap12 = await calls(client12);

  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err) + '\n');
  process.exit(1);
});
