"""A throwaway redis-server and a minimal Redis client for the worker's tests.

The tests speak RESP over a socket themselves so that they need nothing beyond
redis-server and Python's standard library. RedisServer starts redis-server on a
free loopback port in a temporary directory, with persistence off (--save ''
--appendonly no), and stops it at the end.
"""
import os, shutil, socket, subprocess, time


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Redis:
    def __init__(self, port, timeout=30):
        self.sock = socket.create_connection(('127.0.0.1', port), timeout=timeout)
        self.buf = b''

    def close(self):
        self.sock.close()

    @staticmethod
    def encode(args):
        out = [b'*%d\r\n' % len(args)]
        for a in args:
            if isinstance(a, int):
                a = str(a)
            if isinstance(a, str):
                a = a.encode()
            out.append(b'$%d\r\n%s\r\n' % (len(a), a))
        return b''.join(out)

    def _line(self):
        while b'\r\n' not in self.buf:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ConnectionError('redis closed the connection')
            self.buf += chunk
        line, self.buf = self.buf.split(b'\r\n', 1)
        return line

    def _exact(self, n):
        while len(self.buf) < n + 2:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ConnectionError('redis closed the connection')
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n + 2:]
        return data

    def reply(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b'+':
            return rest.decode()
        if kind == b'-':
            raise RuntimeError(rest.decode())
        if kind == b':':
            return int(rest)
        if kind == b'$':
            n = int(rest)
            return None if n < 0 else self._exact(n)
        if kind == b'*':
            n = int(rest)
            return None if n < 0 else [self.reply() for _ in range(n)]
        raise RuntimeError(f'bad reply {line!r}')

    def __call__(self, *args):
        self.sock.sendall(self.encode(args))
        return self.reply()

    def pipeline(self, commands):
        self.sock.sendall(b''.join(self.encode(c) for c in commands))
        return [self.reply() for _ in commands]

    def xrange_all(self, key, chunk=2000):
        """Every entry of a stream as (id, {field: value}) with bytes."""
        out, start = [], '-'
        while True:
            got = self('XRANGE', key, start, '+', 'COUNT', chunk)
            for eid, fields in got:
                out.append((eid, dict(zip(fields[::2], fields[1::2]))))
            if len(got) < chunk:
                return out
            start = '(' + got[-1][0].decode()


class RedisServer:
    def __init__(self, workdir, port=None):
        self.workdir, self.port, self.proc = workdir, port or free_port(), None

    def start(self):
        self.proc = subprocess.Popen(
            ['redis-server', '--port', str(self.port), '--bind', '127.0.0.1', '--save', '',
             '--appendonly', 'no', '--dir', self.workdir, '--logfile',
             os.path.join(self.workdir, 'redis.log')],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                r = Redis(self.port)
                if r('PING') == 'PONG':
                    return r
            except (OSError, RuntimeError):
                time.sleep(0.05)
        raise RuntimeError('redis-server did not start')

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def have_redis_server():
    return shutil.which('redis-server') is not None
