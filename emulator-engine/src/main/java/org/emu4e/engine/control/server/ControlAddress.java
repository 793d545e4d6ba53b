package org.emu4e.engine.control.server;

import java.net.InetSocketAddress;

/**
 * Where the control server listens, as given on the command line: {@code tcp:PORT},
 * {@code tcp:HOST:PORT} or {@code tcp:[IPv6]:PORT}. Loopback (127.0.0.1) unless a host is
 * given; port 0 picks a free port.
 */
public record ControlAddress(String host, int port) {
    public static final String LOOPBACK = "127.0.0.1";
    /** Port {@code emu4e ctl} tries when given none (and {@code EMU4E_CTL} is unset). */
    public static final int DEFAULT_PORT = 4450;

    public static ControlAddress parse(String spec) {
        if (spec == null || !spec.startsWith("tcp:")) {
            throw new IllegalArgumentException("control address must look like tcp:PORT or tcp:HOST:PORT, was: " + spec);
        }
        String rest = spec.substring(4);
        String host = LOOPBACK;
        String port = rest;
        if (rest.startsWith("[")) {
            int close = rest.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("bad IPv6 control address: " + spec);
            }
            host = rest.substring(1, close);
            port = rest.substring(close + 2);
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon >= 0) {
                host = colon == 0 ? LOOPBACK : rest.substring(0, colon);
                port = rest.substring(colon + 1);
            }
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in control address: " + spec);
        }
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port out of range in control address: " + spec);
        }
        return new ControlAddress(host, p);
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }
}
