package org.emu4e.core.internal.launch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.model.IFlushableStreamMonitor;

/**
 * A text stream with listeners and (while buffering is on) the text so far, so a console that
 * attaches late still shows the beginning. The buffer keeps the last {@value #LIMIT} characters.
 */
final class TextStreamMonitor implements IFlushableStreamMonitor {
    static final int LIMIT = 1 << 20;

    private final List<IStreamListener> listeners = new CopyOnWriteArrayList<>();
    private final StringBuilder contents = new StringBuilder();
    private boolean buffered = true;

    void append(String text) {
        synchronized (this) {
            if (buffered) {
                contents.append(text);
                if (contents.length() > LIMIT) {
                    contents.delete(0, contents.length() - LIMIT);
                }
            }
            for (IStreamListener l : listeners) {
                l.streamAppended(text, this);
            }
        }
    }

    @Override
    public void addListener(IStreamListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(IStreamListener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized String getContents() {
        return contents.toString();
    }

    @Override
    public synchronized void flushContents() {
        contents.setLength(0);
    }

    @Override
    public synchronized void setBuffered(boolean buffer) {
        buffered = buffer;
    }

    @Override
    public synchronized boolean isBuffered() {
        return buffered;
    }
}
