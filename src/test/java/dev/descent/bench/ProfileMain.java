package dev.descent.bench;

import java.lang.reflect.Method;

/** Runs one benchmark case for profiling: ProfileMain tiny|mlp seconds. */
public final class ProfileMain {
    public static void main(String[] args) throws Exception {
        Method cases = EngineBenchmark.class.getDeclaredMethod("profile", String.class, double.class);
        cases.setAccessible(true);
        System.out.println("steps/s " + cases.invoke(null, args[0], Double.parseDouble(args[1])));
        System.exit(0);
    }
}
