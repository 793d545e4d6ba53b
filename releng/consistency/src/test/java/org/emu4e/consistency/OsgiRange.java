package org.emu4e.consistency;

import java.util.Arrays;

/** An OSGi version range ("1.2.3" = at least 1.2.3, "[1.2,2)" = from 1.2 up to but not 2). */
record OsgiRange(String floor, boolean floorIncluded, String ceiling, boolean ceilingIncluded) {

    static OsgiRange parse(String range) {
        String r = range.trim();
        if (!r.startsWith("[") && !r.startsWith("(")) {
            return new OsgiRange(r, true, null, false);
        }
        String[] ends = r.substring(1, r.length() - 1).split(",");
        return new OsgiRange(ends[0].trim(), r.startsWith("["), ends[1].trim(), r.endsWith("]"));
    }

    boolean includes(String version) {
        int low = compare(version, floor);
        if (low < 0 || (low == 0 && !floorIncluded)) {
            return false;
        }
        if (ceiling == null) {
            return true;
        }
        int high = compare(version, ceiling);
        return high < 0 || (high == 0 && ceilingIncluded);
    }

    /** Compares major.minor.micro numerically (missing parts are 0); qualifiers are ignored. */
    static int compare(String a, String b) {
        int[] x = numbers(a);
        int[] y = numbers(b);
        return Arrays.compare(x, y);
    }

    private static int[] numbers(String v) {
        String[] parts = v.split("\\.");
        int[] n = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            n[i] = Integer.parseInt(parts[i].replaceAll("[^0-9].*", "").isEmpty() ? "0" : parts[i].replaceAll("[^0-9].*", ""));
        }
        return n;
    }
}
