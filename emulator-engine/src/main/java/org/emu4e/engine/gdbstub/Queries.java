package org.emu4e.engine.gdbstub;

/**
 * General query and set packets (GDB manual E.4 "General Query Packets"): capabilities,
 * threads, target description and thread list transfers, monitor commands, modes.
 */
final class Queries {
    static final String SUPPORTED = "PacketSize=4000;QStartNoAckMode+;qXfer:features:read+;"
            + "qXfer:threads:read+;vContSupported+;swbreak+;hwbreak+;QNonStop+;multiprocess-";

    private final GdbSession s;
    private final Monitor monitor;

    Queries(GdbSession s) {
        this.s = s;
        this.monitor = new Monitor(s);
    }

    String handle(String p) {
        if (p.startsWith("qSupported")) {
            return supported(p);
        }
        if (p.equals("QStartNoAckMode")) {
            s.channel.setAckMode(false);
            return "OK";
        }
        if (p.startsWith("QNonStop:")) {
            String v = p.substring(9);
            if (!v.equals("0") && !v.equals("1")) {
                return "E22";
            }
            boolean on = v.equals("1");
            if (on != s.nonStop) {
                s.nonStop = on;
                if (on) {
                    s.exec.enterNonStop();
                } else {
                    s.exec.stopAll();
                }
            }
            return "OK";
        }
        if (p.equals("qAttached") || p.startsWith("qAttached:")) {
            return "1";
        }
        if (p.equals("qC")) {
            return "QC" + Hex.num(s.currentG + 1L);
        }
        if (p.equals("qfThreadInfo")) {
            StringBuilder sb = new StringBuilder("m");
            for (int i = 0; i < s.cpuCount(); i++) {
                sb.append(i == 0 ? "" : ",").append(Hex.num(i + 1L));
            }
            return sb.toString();
        }
        if (p.equals("qsThreadInfo")) {
            return "l";
        }
        if (p.startsWith("qThreadExtraInfo,")) {
            int tid = s.parseThreadId(p.substring(17));
            if (tid <= 0) {
                return "E22";
            }
            return Hex.encodeText(s.server.threadStates().extraInfo(tid - 1));
        }
        if (p.startsWith("qXfer:features:read:")) {
            return xferFeatures(p.substring(20));
        }
        if (p.startsWith("qXfer:threads:read:")) {
            return xfer(threadsXml(), p.substring(19));
        }
        if (p.startsWith("qRcmd,")) {
            return monitor.run(Hex.decodeText(p.substring(6)));
        }
        if (p.startsWith("qSymbol:")) {
            return "OK";
        }
        return "";
    }

    private String supported(String p) {
        int colon = p.indexOf(':');
        if (colon >= 0) {
            for (String f : p.substring(colon + 1).split(";")) {
                if (f.equals("swbreak+")) {
                    s.clientSwbreak = true;
                } else if (f.equals("hwbreak+")) {
                    s.clientHwbreak = true;
                }
            }
        }
        return SUPPORTED;
    }

    private String xferFeatures(String rest) {
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return "E22";
        }
        String doc = s.arch.featureDocument(rest.substring(0, colon));
        if (doc == null) {
            return "E00";
        }
        return xfer(doc, rest.substring(colon + 1));
    }

    /** Serves "annex:offset,length" (annex already stripped) of {@code doc}: 'm' more, 'l' last. */
    static String xfer(String doc, String range) {
        int colon = range.lastIndexOf(':');
        String r = colon >= 0 ? range.substring(colon + 1) : range;
        int comma = r.indexOf(',');
        if (comma < 0) {
            return "E22";
        }
        int off = Hex.parseInt(r.substring(0, comma));
        int len = Hex.parseInt(r.substring(comma + 1));
        byte[] b = RspCodec.latin1(new String(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1));
        if (off >= b.length) {
            return "l";
        }
        int n = Math.min(len, b.length - off);
        return (off + n >= b.length ? "l" : "m") + RspCodec.latin1(b, off, n);
    }

    String threadsXml() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<threads>\n");
        ThreadStates ts = s.server.threadStates();
        for (int i = 0; i < s.cpuCount(); i++) {
            sb.append("<thread id=\"").append(Hex.num(i + 1L)).append("\" core=\"").append(i)
                    .append("\" name=\"").append(ThreadStates.name(i)).append("\">")
                    .append(ts.extraInfo(i)).append("</thread>\n");
        }
        return sb.append("</threads>\n").toString();
    }
}
