// Drives the AMI surface with the npm package asterisk-ami-client, as its README shows it used: connect() logs in,
// action(message, true) resolves with the response of that ActionID, and events (list items among them) come as
// 'event'. Prints one JSON line: what it saw.
// Usage: node asterisk-ami-client.js <port> <user> <secret>
'use strict';
const AmiClient = require('asterisk-ami-client');

const [port, user, secret] = process.argv.slice(2);
const result = { call: [], queue: [] };
const client = new AmiClient({ reconnect: false, keepAlive: false });
const finish = (code) => { console.log(JSON.stringify(result)); client.disconnect(); process.exit(code); };
setTimeout(() => { result.error = 'timeout'; finish(2); }, 25000);

let linkedid = null;
const seen = [];
const finishCall = () => {
  if (!linkedid || !seen.some((s) => s.call === linkedid && s.event === 'Cdr')) {
    return;
  }

  const calls = seen.filter((s) => s.call === linkedid);
  result.call = calls.map((s) => s.event);
  result.disposition = calls[calls.length - 1].disposition;
  finish(0);
};
client.on('event', (e) => {
  if (e.ActionID === 'queue-1') {
    result.queue.push(e.Event);
    if (e.Event === 'QueueStatusComplete') {
      result.queueItems = e.ListItems;
    }
  }

  if (e.Event === 'OriginateResponse' && e.ActionID === 'originate-1') {
    result.originate = { response: e.Response, reason: e.Reason, uniqueid: e.Uniqueid };
    linkedid = e.Uniqueid;
    finishCall();
  }

  // Every event is kept with its call: the call's first events come before the client knows its id.
  seen.push({ call: e.Linkedid || e.UniqueID, event: e.Event, disposition: e.Disposition });
  finishCall();
});

(async () => {
  try {
    await client.connect(user, secret, { host: '127.0.0.1', port: Number(port) });
    const version = await client.action({ Action: 'Command', Command: 'core show version' }, true);
    result.version = version.Output;
    const queue = await client.action({ Action: 'QueueStatus', ActionID: 'queue-1', Queue: 'sales' }, true);
    result.queueResponse = queue.EventList;
    const queued = await client.action({
      Action: 'Originate', ActionID: 'originate-1', Channel: 'SIP/102', Exten: '103', Context: 'default', Priority: 1,
      Async: 'true', CallerID: 'Node <5000>',
    }, true);
    result.originateQueued = queued.Message;
  } catch (error) {
    result.error = String(error && error.message || error);
    finish(1);
  }
})();
