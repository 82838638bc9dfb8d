package io.divconq.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** USD per 1K prompt/completion tokens per model, versioned so every cost says which prices made it. */
public record PriceTable(String version, Map<String, ModelPrice> models, @JsonProperty("default") ModelPrice defaultPrice) {

    public PriceTable {
        if (version == null || version.isBlank()) throw new ConfigException("prices.version is required");
        models = Map.copyOf(models == null ? Map.of() : models);
        defaultPrice = defaultPrice == null ? new ModelPrice(0, 0) : defaultPrice;
    }

    public ModelPrice priceOf(String model) {
        return model == null ? new ModelPrice(0, 0) : models.getOrDefault(model, defaultPrice);
    }

    /** Cost in USD of one call (or chain of calls) of the model. */
    public double costUsd(String model, long promptTokens, long completionTokens) {
        ModelPrice p = priceOf(model);
        return promptTokens / 1000.0 * p.inputPer1k() + completionTokens / 1000.0 * p.outputPer1k();
    }

    public record ModelPrice(double inputPer1k, double outputPer1k) {
        public ModelPrice {
            if (inputPer1k < 0 || outputPer1k < 0) throw new ConfigException("prices must not be negative");
        }
    }
}
