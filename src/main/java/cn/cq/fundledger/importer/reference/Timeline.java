package cn.cq.fundledger.importer.reference;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How busy the programs were over time: a piecewise-linear intensity (events a month) through anchor dates,
 * quieter at weekends. {@link #draw} places a given number of events in a date range in proportion to it.
 */
final class Timeline {

    record Anchor(LocalDate date, double perMonth) {
    }

    private final List<Anchor> anchors;

    Timeline(Anchor... anchors) {
        this.anchors = List.of(anchors);
    }

    static Anchor at(int year, int month, int day, double perMonth) {
        return new Anchor(LocalDate.of(year, month, day), perMonth);
    }

    /** The intensity on a date, interpolated between the anchors and flat beyond them. */
    double intensity(LocalDate date) {
        if (!date.isAfter(anchors.get(0).date())) {
            return anchors.get(0).perMonth();
        }
        for (int i = 1; i < anchors.size(); i++) {
            Anchor b = anchors.get(i);
            if (!date.isAfter(b.date())) {
                Anchor a = anchors.get(i - 1);
                double span = ChronoUnit.DAYS.between(a.date(), b.date());
                double t = ChronoUnit.DAYS.between(a.date(), date) / span;
                return a.perMonth() + t * (b.perMonth() - a.perMonth());
            }
        }
        return anchors.get(anchors.size() - 1).perMonth();
    }

    /** {@code count} dates in {@code [from, to]}, drawn in proportion to the intensity, in date order. */
    List<LocalDate> draw(Dice dice, LocalDate from, LocalDate to, int count) {
        int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
        double[] cumulative = new double[days];
        double total = 0;
        for (int i = 0; i < days; i++) {
            LocalDate d = from.plusDays(i);
            boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
            total += intensity(d) * (weekend ? 0.2 : 1.0);
            cumulative[i] = total;
        }
        int[] offsets = new int[count];
        for (int k = 0; k < count; k++) {
            offsets[k] = firstAbove(cumulative, dice.unit() * total);
        }
        Arrays.sort(offsets);
        List<LocalDate> dates = new ArrayList<>(count);
        for (int offset : offsets) {
            dates.add(from.plusDays(offset));
        }
        return dates;
    }

    /** The first index whose cumulative weight exceeds u (a day of zero weight is never chosen). */
    private static int firstAbove(double[] cumulative, double u) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
