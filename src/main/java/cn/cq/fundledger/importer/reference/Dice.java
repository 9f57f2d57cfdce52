package cn.cq.fundledger.importer.reference;

import java.util.List;
import java.util.Random;

/**
 * The generator's only source of chance: {@link java.util.Random} with a fixed seed. Its algorithm is
 * specified by the JDK (including {@code nextGaussian}, which uses {@code StrictMath}), and every other
 * computation here uses {@code StrictMath}, so the same seed gives the same dataset on every JVM.
 */
final class Dice {

    private final Random random;

    Dice(long seed) {
        this.random = new Random(seed);
    }

    /** A whole number from {@code low} to {@code high}, both included. */
    int between(int low, int high) {
        if (high < low) {
            throw new IllegalArgumentException("empty range " + low + ".." + high);
        }
        return low + random.nextInt(high - low + 1);
    }

    int index(int size) {
        return random.nextInt(size);
    }

    double unit() {
        return random.nextDouble();
    }

    double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** An index drawn in proportion to the weights. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A log-normal factor with mean 1: most draws near 1, a long tail of large ones. */
    double spread(double sigma) {
        return StrictMath.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
    }

    /** A geometric count of further years: 0 with probability {@code stop}, and so on. */
    int geometric(double stop, int max) {
        int n = 0;
        while (n < max && !chance(stop)) {
            n++;
        }
        return n;
    }
}
