package io.divconq.containers;

import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a container suite only where a Docker daemon answers and the locally built images exist; otherwise the
 * suite is skipped and the reason printed (so a build without Docker says why nothing ran).
 */
public final class DockerAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = missing();
        if (reason == null) return ConditionEvaluationResult.enabled("Docker and the divconq images are present");
        System.out.println("SKIPPED " + context.getDisplayName() + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    private static String missing() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker daemon reachable (start dockerd, or run .ci/run, which does)";
        }
        for (String image : List.of(Images.DIVCONQ, Images.DIVCONQ_NEXT, Images.KAFKA)) {
            try {
                DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            } catch (RuntimeException e) {
                return "image " + image + " is missing: build it with docker/build-images.sh";
            }
        }
        return null;
    }
}
