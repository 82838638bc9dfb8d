package io.divconq.distill.stream;

import io.divconq.avro.DeadLetter;
import io.divconq.avro.Decomposition;
import io.divconq.avro.DistillExample;
import io.divconq.avro.DistillOutcome;
import io.divconq.avro.DistillState;
import io.divconq.avro.Feedback;
import io.divconq.avro.Problem;
import io.divconq.avro.Score;
import io.divconq.avro.Solution;
import io.divconq.decomposer.DecomposerTopology;
import io.divconq.scorer.ScorerTopology;
import io.divconq.solver.SolverTopology;
import java.util.HashMap;
import java.util.Map;
import io.divconq.common.topics.Topic;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per problem: solutions make examples, scores give them their outcome (in either order), dead letters make failed
 * ones, and a feedback label turns unlabelled ones into right or wrong. Every change is forwarded, keyed by
 * problemId/row, for the compacted distill-examples topic.
 */
final class DistillProcessor implements Processor<String, Object, String, DistillExample> {

    static final String STORE = "distill-state";
    private static final Logger log = LoggerFactory.getLogger(DistillProcessor.class);

    private final ExampleRows rows;
    private final Topic<Problem> problems;
    private final Topic<Decomposition> decompositions;
    private final Topic<Solution> solutions;
    private ProcessorContext<String, DistillExample> context;
    private KeyValueStore<String, DistillState> store;

    /** The topics are those whose records a failing stage was given, to decode a dead letter's original value. */
    DistillProcessor(ExampleRows rows, Topic<Problem> problems, Topic<Decomposition> decompositions, Topic<Solution> solutions) {
        this.rows = rows;
        this.problems = problems;
        this.decompositions = decompositions;
        this.solutions = solutions;
    }

    @Override
    public void init(ProcessorContext<String, DistillExample> ctx) {
        this.context = ctx;
        this.store = ctx.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.key() == null) return;
        long now = record.timestamp();
        DistillState stored = store.get(record.key());
        Map<String, DistillExample> examples = new HashMap<>(stored == null ? Map.of() : stored.getRows());
        Map<String, DistillOutcome> pending = new HashMap<>(stored == null ? Map.of() : stored.getPendingOutcomes());
        DistillState.Builder state = stored == null ? DistillState.newBuilder() : DistillState.newBuilder(stored);
        Object v = record.value();
        if (v instanceof Solution s) {
            String row = ExampleRows.row(s.getArm(), s.getDecomposition().getShadow());
            DistillExample e = rows.solved(s, now);
            DistillOutcome early = pending.remove(row);
            if (early != null) e = ExampleRows.withOutcome(e, early, now);
            emit(examples, labelledBy(state, e, now));
        } else if (v instanceof Score score) {
            String row = ExampleRows.row(score.getArm(), score.getShadow());
            DistillExample e = examples.get(row);
            DistillOutcome outcome = ExampleRows.outcomeOf(score);
            if (e == null) {
                pending.put(row, outcome);
            } else {
                DistillExample scored = ExampleRows.withOutcome(e, outcome, now);
                if (scored != e) emit(examples, scored);
            }
        } else if (v instanceof Feedback f) {
            state.setFeedbackCorrect(f.getCorrect()).setFeedbackTrueAnswer(f.getTrueAnswer()).setFeedbackAtMs(f.getAtMs());
            for (DistillExample e : examples.values().toArray(DistillExample[]::new)) {
                DistillExample l = ExampleRows.labelled(e, f.getCorrect(), f.getTrueAnswer(), now);
                if (l != null) emit(examples, l);
            }
        } else if (v instanceof DeadLetter d) {
            DistillExample failed = failed(d, now);
            if (failed == null) return;
            emit(examples, failed);
        }
        store.put(record.key(), state.setRows(examples).setPendingOutcomes(pending).build());
    }

    /** An example labelled by feedback that came before it, if any did. */
    private static DistillExample labelledBy(DistillState.Builder state, DistillExample e, long now) {
        if (state.getFeedbackAtMs() == null) return e;
        DistillExample l = ExampleRows.labelled(e, state.getFeedbackCorrect(), state.getFeedbackTrueAnswer(), now);
        return l == null ? e : l;
    }

    private void emit(Map<String, DistillExample> examples, DistillExample e) {
        examples.put(ExampleRows.row(e.getArm(), e.getShadow()), e);
        context.forward(new Record<>(ExampleRows.key(e), e, e.getUpdatedAtMs()));
    }

    /** The example a dead letter stands for, from the record the failing stage was given; null if it has none. */
    private DistillExample failed(DeadLetter d, long now) {
        if (d.getOriginalValue() == null || d.getArm() == null) return null;
        byte[] bytes = new byte[d.getOriginalValue().remaining()];
        d.getOriginalValue().duplicate().get(bytes);
        try {
            if (DecomposerTopology.STAGE.equals(d.getStage())) {
                Problem p = problems.decode(bytes);
                return rows.failedToDecompose(p, d.getArm(), d.getExperiment(), d.getErrorType(), now);
            }
            if (SolverTopology.STAGE.equals(d.getStage())) {
                return rows.failedAfterDecomposing(decompositions.decode(bytes), d.getErrorType(), now);
            }
            if (ScorerTopology.STAGE.equals(d.getStage())) {
                Solution s = solutions.decode(bytes);
                return rows.failedAfterDecomposing(s.getDecomposition(), d.getErrorType(), now);
            }
        } catch (RuntimeException e) {
            log.warn("dead letter of problem {} at {}: its original record does not decode ({}); no example", d.getProblemId(),
                    d.getStage(), e.toString());
        }
        return null;
    }
}
