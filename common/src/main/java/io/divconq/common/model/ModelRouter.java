package io.divconq.common.model;

/** Finds the route for a model on a named endpoint. */
@FunctionalInterface
public interface ModelRouter {
    ModelRoute route(String endpoint, String model);
}
