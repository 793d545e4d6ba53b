package org.emu4e.engine.cpu.a64.jit;

import org.objectweb.asm.ClassWriter;

/**
 * A ClassWriter whose frame computation resolves class names through the engine's own class
 * loader, never the thread context class loader (which under OSGi is some other bundle's, or
 * none). Generated code only merges types the engine knows; anything unresolvable is treated
 * as {@code java/lang/Object}, which the verifier accepts for the reference types used here.
 */
final class SafeClassWriter extends ClassWriter {
    private static final ClassLoader LOADER = SafeClassWriter.class.getClassLoader();

    SafeClassWriter(int flags) {
        super(flags);
    }

    @Override
    protected ClassLoader getClassLoader() {
        return LOADER;
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        if (type1.equals(type2)) {
            return type1;
        }
        try {
            Class<?> a = Class.forName(type1.replace('/', '.'), false, LOADER);
            Class<?> b = Class.forName(type2.replace('/', '.'), false, LOADER);
            if (a.isAssignableFrom(b)) {
                return type1;
            }
            if (b.isAssignableFrom(a)) {
                return type2;
            }
            if (a.isInterface() || b.isInterface()) {
                return "java/lang/Object";
            }
            do {
                a = a.getSuperclass();
            } while (!a.isAssignableFrom(b));
            return a.getName().replace('.', '/');
        } catch (ClassNotFoundException | LinkageError e) {
            return "java/lang/Object";
        }
    }
}
