"""Drives the AMI surface with Debian's python3-panoramisk, as its documentation shows it used: a Manager that logs
in and waits for FullyBooted before sending what was asked, send_action() returning the response (or, for an event
list, every message of it), and register_event() callbacks for events. The MD5 login uses the same send_action().
Prints one JSON line: what it saw.

Usage: python3 panoramisk_check.py <port> <user> <secret> [call|md5|slow]
"""
import asyncio
import hashlib
import json
import socket
import sys
import time

from panoramisk import Manager

port, user, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
mode = sys.argv[4] if len(sys.argv) > 4 else 'call'
result = {'call': [], 'queue': []}


def done(code):
    print(json.dumps(result), flush=True)
    sys.exit(code)


async def md5_login():
    # No username: the manager connects without logging in, and the challenge is answered by hand.
    manager = Manager(loop=asyncio.get_running_loop(), host='127.0.0.1', port=port, ping_delay=3600)
    await manager.connect()
    challenge = await manager.send_action({'Action': 'Challenge', 'AuthType': 'MD5'})
    key = hashlib.md5((challenge.Challenge + secret).encode()).hexdigest()
    login = await manager.send_action({'Action': 'Login', 'AuthType': 'MD5', 'Username': user, 'Key': key})
    result['login'] = login.Message
    ping = await manager.send_action({'Action': 'Ping'})
    result['ping'] = ping.Ping
    manager.close()


def finish_call(state):
    calls = [(name, disposition) for call, name, disposition in state['seen'] if call == state['linkedid']]
    result['call'] = [name for name, _ in calls]
    result['disposition'] = calls[-1][1]
    if not state['finished'].done():
        state['finished'].set_result(True)


async def call():
    manager = Manager(loop=asyncio.get_running_loop(), host='127.0.0.1', port=port, username=user, secret=secret, ping_delay=3600)
    state = {'linkedid': None, 'seen': [], 'finished': asyncio.get_running_loop().create_future()}

    # Every event is kept with its call: the call's first events come before the client knows its id.
    @manager.register_event('*')
    def on_event(_, event):
        state['seen'].append((event.get('Linkedid') or event.get('UniqueID'), event.event, event.get('Disposition')))
        if event.event == 'Cdr' and event.get('UniqueID') == state['linkedid']:
            finish_call(state)

    await manager.connect()
    version = await manager.send_action({'Action': 'Command', 'Command': 'core show version'})
    result['version'] = version.get('Output')
    queue = await manager.send_action({'Action': 'QueueStatus', 'Queue': 'sales'})
    result['queueResponse'] = queue[0].get('EventList')
    result['queue'] = [m.event for m in queue[1:]]
    result['queueItems'] = queue[-1].get('ListItems')
    # An async originate is answered twice under one ActionID: the acknowledgement, then OriginateResponse.
    originate = await manager.send_action({
        'Action': 'Originate', 'Channel': 'SIP/102', 'Exten': '103', 'Context': 'default', 'Priority': '1',
        'Async': 'true', 'CallerID': 'Python <5000>'})
    result['originateQueued'] = originate[0].Message
    response = originate[-1]
    result['originate'] = {'response': response.Response, 'reason': response.Reason, 'uniqueid': response.Uniqueid}
    state['linkedid'] = response.Uniqueid
    if any(name == 'Cdr' and call == response.Uniqueid for call, name, _ in state['seen']):
        finish_call(state)
    await asyncio.wait_for(state['finished'], 20)
    manager.close()


async def slow():
    # A consumer whose event loop stops reading: the server must drop it, and nothing else may notice.
    manager = Manager(loop=asyncio.get_running_loop(), host='127.0.0.1', port=port, username=user, secret=secret, ping_delay=3600, reconnect_timeout=3600)
    lost = asyncio.get_running_loop().create_future()

    def on_disconnect(_, exc):
        if not lost.done():
            lost.set_result(True)

    manager.on_disconnect = on_disconnect
    await manager.connect()
    await manager.send_action({'Action': 'Ping'})
    # A small receive window, so the server's buffers fill after a few hundred events rather than megabytes.
    sock = manager.protocol.transport.get_extra_info('socket')
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    result['ready'] = True
    print(json.dumps({'ready': True}), flush=True)
    time.sleep(float(sys.argv[5]) if len(sys.argv) > 5 else 15)  # blocks the loop: nothing is read meanwhile
    await asyncio.wait_for(lost, 20)
    result['disconnected'] = True


try:
    asyncio.run({'call': call, 'md5': md5_login, 'slow': slow}[mode]())
except Exception as error:  # noqa: BLE001 - the test prints what went wrong
    result['error'] = repr(error)
    done(1)
done(0)
