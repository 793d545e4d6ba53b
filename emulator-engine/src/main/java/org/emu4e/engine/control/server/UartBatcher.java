package org.emu4e.engine.control.server;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Collects guest UART output (told on the transmitting vCPU thread) and hands it on as text
 * at most every {@link #FLUSH_MILLIS} ms or once {@link #BATCH_BYTES} bytes are pending, on
 * the timer thread. Never blocks the vCPU; past {@link #MAX_PENDING} pending bytes new output
 * is dropped (and counted) rather than buffered without bound.
 */
final class UartBatcher implements Consumer<byte[]> {
    static final int FLUSH_MILLIS = 20;
    static final int BATCH_BYTES = 4096;
    static final int MAX_PENDING = 1 << 20;

    private final ScheduledExecutorService timer;
    private final Consumer<String> sink;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] pending = new byte[BATCH_BYTES];
    private int size;
    private boolean flushNowQueued;
    private boolean flushLaterQueued;
    private long dropped;
    private ByteBuffer carry = ByteBuffer.allocate(0);

    UartBatcher(ScheduledExecutorService timer, Consumer<String> sink) {
        this.timer = timer;
        this.sink = sink;
    }

    @Override
    public void accept(byte[] bytes) {
        boolean now = false;
        boolean later = false;
        synchronized (this) {
            int n = Math.min(MAX_PENDING - size, bytes.length);
            dropped += bytes.length - n;
            if (size + n > pending.length) {
                byte[] bigger = new byte[Math.min(MAX_PENDING, Math.max(pending.length * 2, size + n))];
                System.arraycopy(pending, 0, bigger, 0, size);
                pending = bigger;
            }
            System.arraycopy(bytes, 0, pending, size, n);
            size += n;
            if (size >= BATCH_BYTES && !flushNowQueued) {
                flushNowQueued = true;
                now = true;
            } else if (!flushLaterQueued) {
                flushLaterQueued = true;
                later = true;
            }
        }
        try {
            if (now) {
                timer.execute(() -> flush(true));
            }
            if (later) {
                timer.schedule(() -> flush(false), FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // server closing
        }
    }

    synchronized long dropped() {
        return dropped;
    }

    /** Runs on the timer thread: emits everything pending in slices of at most BATCH_BYTES. */
    void flush(boolean immediate) {
        byte[] taken;
        synchronized (this) {
            if (immediate) {
                flushNowQueued = false;
            } else {
                flushLaterQueued = false;
            }
            taken = java.util.Arrays.copyOf(pending, size);
            size = 0;
            if (pending.length > BATCH_BYTES * 4) {
                pending = new byte[BATCH_BYTES];
            }
        }
        for (int off = 0; off < taken.length; off += BATCH_BYTES) {
            int len = Math.min(BATCH_BYTES, taken.length - off);
            String text = decode(ByteBuffer.wrap(taken, off, len));
            if (!text.isEmpty()) {
                sink.accept(text);
            }
        }
    }

    /** Decodes, keeping an incomplete UTF-8 sequence at the end for the next batch. */
    private String decode(ByteBuffer in) {
        ByteBuffer all = ByteBuffer.allocate(carry.remaining() + in.remaining());
        all.put(carry).put(in).flip();
        CharBuffer out = CharBuffer.allocate(all.remaining() + 1);
        decoder.decode(all, out, false);
        carry = ByteBuffer.allocate(all.remaining());
        carry.put(all).flip();
        out.flip();
        return out.toString();
    }
}
