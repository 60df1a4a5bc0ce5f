// Drives the AMI surface with the npm package asterisk-manager, as its README shows it used: the constructor connects
// and logs in, action() sends a packet and calls back with the response matched by its ActionID, and every event
// comes as 'managerevent' (list items among them, with the list's actionid). Prints one JSON line: what it saw.
// Usage: node asterisk-manager.js <port> <user> <secret>
'use strict';
const AsteriskManager = require('asterisk-manager');

const [port, user, secret] = process.argv.slice(2);
const result = { call: [], queue: [] };
const ami = new AsteriskManager(Number(port), '127.0.0.1', user, secret, true);
const finish = (code) => { console.log(JSON.stringify(result)); ami.disconnect(); process.exit(code); };
setTimeout(() => { result.error = 'timeout'; finish(2); }, 25000);
ami.on('error', (error) => { result.error = String(error); });

let queueId = null;
let originateId = null;
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
ami.on('managerevent', (e) => {
  if (queueId && e.actionid === queueId) {
    result.queue.push(e.event);
    if (e.event === 'QueueStatusComplete') {
      result.queueItems = e.listitems;
    }
  }

  if (originateId && e.event === 'OriginateResponse' && e.actionid === originateId) {
    result.originate = { response: e.response, reason: e.reason, uniqueid: e.uniqueid };
    linkedid = e.uniqueid;
    finishCall();
  }

  // Every event is kept with its call: the call's first events come before the client knows its id.
  seen.push({ call: e.linkedid || e.uniqueid, event: e.event, disposition: e.disposition });
  finishCall();
});

ami.action({ action: 'Command', command: 'core show version' }, (err, res) => {
  result.version = err ? String(err.message) : res.output;
  queueId = ami.action({ action: 'QueueStatus', queue: 'sales' }, (err2, res2) => {
    result.queueResponse = err2 ? 'error' : res2.eventlist;
    originateId = ami.action({
      action: 'Originate', channel: 'SIP/102', exten: '103', context: 'default', priority: 1, async: 'true',
      callerid: 'Node <5000>', variable: { CLIENT: 'asterisk-manager' },
    }, (err3, res3) => { result.originateQueued = err3 ? 'error' : res3.message; });
  });
});
