package org.emu4e.engine.control.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded in-memory byte pipe for the in-process transport. Unlike {@code PipedInputStream}
 * it does not break when the thread that last wrote ends (pool threads come and go). Closing
 * either end ends the stream for both.
 */
public final class MemoryPipe {
    private final byte[] buf;
    private int head;
    private int count;
    private boolean closed;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            lock.lock();
            try {
                while (count == 0 && !closed) {
                    changed.await();
                }
                if (count == 0) {
                    return -1;
                }
                int n = Math.min(len, count);
                for (int i = 0; i < n; i++) {
                    b[off + i] = buf[(head + i) % buf.length];
                }
                head = (head + n) % buf.length;
                count -= n;
                changed.signalAll();
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            MemoryPipe.this.close();
        }
    };

    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lock.lock();
            try {
                while (len > 0) {
                    while (count == buf.length && !closed) {
                        changed.await();
                    }
                    if (closed) {
                        throw new IOException("pipe closed");
                    }
                    int n = Math.min(len, buf.length - count);
                    for (int i = 0; i < n; i++) {
                        buf[(head + count + i) % buf.length] = b[off + i];
                    }
                    count += n;
                    off += n;
                    len -= n;
                    changed.signalAll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            MemoryPipe.this.close();
        }
    };

    public MemoryPipe(int capacity) {
        buf = new byte[capacity];
    }

    public InputStream input() { return in; }

    public OutputStream output() { return out; }

    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
