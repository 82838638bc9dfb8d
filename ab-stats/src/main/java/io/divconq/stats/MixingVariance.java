package io.divconq.stats;

/**
 * The variance {@code tau^2} of the normal mixing distribution over effect sizes in the mixture
 * (mSPRT) confidence sequence. It only moves where the sequence is tightest; validity holds for any
 * value fixed before the data (or, for {@link TunedForSampleSize}, fixed up to a consistent variance
 * estimate).
 */
public sealed interface MixingVariance permits MixingVariance.Fixed, MixingVariance.TunedForSampleSize {

    /**
     * The mixing variance to use.
     *
     * @param unitVariance variance of one unit of information: {@code sigma^2} for one arm's mean,
     *                     {@code sigma_T^2 + sigma_C^2} for a difference of means
     * @param alpha        error level of the sequence
     */
    double tauSquared(double unitVariance, double alpha);

    /** {@code tau^2 = delta^2} for an expected effect {@code delta} in metric units (Johari et al. 2022). */
    static MixingVariance forExpectedEffect(double delta) {
        return new Fixed(delta * delta);
    }

    /** A fixed {@code tau^2} in squared metric units. */
    record Fixed(double tauSquared) implements MixingVariance {
        public Fixed {
            if (!(tauSquared > 0) || Double.isInfinite(tauSquared)) {
                throw new IllegalArgumentException("tau^2 must be positive and finite, was " + tauSquared);
            }
        }

        @Override
        public double tauSquared(double unitVariance, double alpha) {
            return tauSquared;
        }
    }

    /**
     * Scale-free choice: {@code tau^2 = r*(alpha) * unitVariance / samplesPerArm}, which minimises the
     * interval width when each arm holds {@code samplesPerArm} results (the tuning of Howard et al. 2021
     * and Waudby-Smith et al. 2024); see {@link ConfidenceSequences#optimalMixingRatio}.
     */
    record TunedForSampleSize(long samplesPerArm) implements MixingVariance {
        public TunedForSampleSize {
            if (samplesPerArm < 1) {
                throw new IllegalArgumentException("samplesPerArm must be >= 1, was " + samplesPerArm);
            }
        }

        @Override
        public double tauSquared(double unitVariance, double alpha) {
            return ConfidenceSequences.optimalMixingRatio(alpha) * unitVariance / samplesPerArm;
        }
    }
}
