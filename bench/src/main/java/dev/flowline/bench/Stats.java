package dev.flowline.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/** Repetition, timing and medians. */
public final class Stats {
    private Stats() {}

    /** The median of the values. */
    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The values of {@code rounds} runs of the measurement. */
    public static List<Double> repeat(int rounds, DoubleSupplier measurement) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            values.add(measurement.getAsDouble());
        }
        return values;
    }

    /** Milliseconds the action takes. */
    public static double millis(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e6;
    }

    /** A result line: name, median and unit, and every round's value. */
    public static String line(String name, List<Double> values, String unit) {
        StringBuilder rounds = new StringBuilder();
        for (double value : values) {
            rounds.append(rounds.isEmpty() ? "" : ", ").append(format(value));
        }
        return String.format(Locale.ROOT, "| %s | %s %s | %s |", name, format(median(values)), unit, rounds);
    }

    static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
