package dev.flowline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds a process has used so far, in user space and in the kernel, from {@code /proc/<pid>/stat}; the
 * difference of two readings tells where a transfer's CPU went.
 *
 * @param user   seconds in user space
 * @param system seconds in the kernel on the process's behalf
 */
record CpuTimes(double user, double system) {
    /** Linux reports these times in USER_HZ ticks, 100 per second on every architecture Flowline runs on. */
    private static final double TICKS_PER_SECOND = 100;

    static CpuTimes of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which may hold spaces and ends with ')': state is field 3, utime 14
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new CpuTimes(
                    Long.parseLong(fields[11]) / TICKS_PER_SECOND, Long.parseLong(fields[12]) / TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CpuTimes self() {
        return of(ProcessHandle.current().pid());
    }

    CpuTimes minus(CpuTimes earlier) {
        return new CpuTimes(user - earlier.user, system - earlier.system);
    }

    CpuTimes plus(CpuTimes other) {
        return new CpuTimes(user + other.user, system + other.system);
    }
}
