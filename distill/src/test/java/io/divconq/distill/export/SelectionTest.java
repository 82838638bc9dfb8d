package io.divconq.distill.export;

import static io.divconq.avro.DistillOutcome.CORRECT;
import static io.divconq.avro.DistillOutcome.FAILED;
import static io.divconq.avro.DistillOutcome.INCORRECT;
import static io.divconq.avro.DistillOutcome.UNLABELLED;
import static io.divconq.distill.testing.Examples.teacher;
import static io.divconq.distill.testing.Examples.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.divconq.avro.DistillExample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectionTest {

    private final DistillExample right = teacher("p1", "Janet has 16 eggs. How many are left?", CORRECT, 1);
    private final DistillExample wrong = teacher("p2", "Tom has 3 apples. How many pears?", INCORRECT, 2);
    private final DistillExample unlabelled = teacher("p3", "A train goes 60 km/h for 2 h. How far?", UNLABELLED, 3);
    private final DistillExample failed = teacher("p4", "What is 2 + 2 times 3?", FAILED, 4);
    private final DistillExample unparsable = with(teacher("p5", "Why is the sky blue?", FAILED, 5),
            b -> b.setUsable(false).setSubquestions(List.of()).setFailure("unparseable-reply"));
    private final DistillExample student = with(teacher("p6", "How many legs do 3 cats have?", CORRECT, 6),
            b -> b.setArm("student").setDecomposerArm("student").setDecomposeModel("sim-student"));
    /** The same question as p1 up to case and spacing, asked again later. */
    private final DistillExample repeat = teacher("p7", "  janet has 16 EGGS.   How many are left? ", CORRECT, 7);
    private final DistillExample evalSplit = with(teacher("p8", "Sam reads 5 pages a day. How many in a week?", CORRECT, 8),
            b -> b.setSplit("test"));
    private final DistillExample excluded = teacher("p9", "A shop sells 4 pens at $2. What is the total?", CORRECT, 9);

    private final List<DistillExample> all = List.of(right, wrong, unlabelled, failed, unparsable, student, repeat, evalSplit, excluded);
    private final ExportRequest request = ExportRequest.of(Set.of(ExportMode.SDT, ExportMode.SDR), "teacher")
            .withExcluded(Set.of(QuestionKey.of("a shop sells 4 pens at $2.  What is the total?", null)));

    @Test
    void sdtKeepsEveryUsableTeacherDecompositionWhateverItsOutcome() {
        Selection s = Selection.of(ExportMode.SDT, all, request);
        assertThat(s.kept()).containsExactly(right, wrong, unlabelled);
        assertThat(s.dropped()).containsOnly(entry(DropReason.FAILED, 1), entry(DropReason.UNPARSABLE, 1),
                entry(DropReason.OTHER_ARM, 1), entry(DropReason.DUPLICATE, 1), entry(DropReason.EVAL_SPLIT, 1),
                entry(DropReason.EXCLUDED, 1));
        assertThat(s.read()).isEqualTo(s.kept().size() + s.droppedTotal()).isEqualTo(9);
    }

    @Test
    void sdrKeepsOnlyDecompositionsWhoseAnswerWasRight() {
        Selection s = Selection.of(ExportMode.SDR, all, request);
        assertThat(s.kept()).containsExactly(right);
        assertThat(s.dropped()).containsOnly(entry(DropReason.INCORRECT, 1), entry(DropReason.UNLABELLED, 1),
                entry(DropReason.FAILED, 1), entry(DropReason.UNPARSABLE, 1), entry(DropReason.OTHER_ARM, 1),
                entry(DropReason.DUPLICATE, 1), entry(DropReason.EVAL_SPLIT, 1), entry(DropReason.EXCLUDED, 1));
        assertThat(s.read()).isEqualTo(s.kept().size() + s.droppedTotal());
    }

    @Test
    void sdrKeepsTheRightDecompositionOfARepeatedQuestionEvenWhenAWrongOneCameFirst() {
        DistillExample wrongFirst = teacher("q1", "Janet has 16 eggs. How many are left?", INCORRECT, 1);
        DistillExample rightLater = teacher("q2", "Janet has 16 eggs. How many are left?", CORRECT, 2);
        assertThat(Selection.of(ExportMode.SDR, List.of(rightLater, wrongFirst), request).kept()).containsExactly(rightLater);
        assertThat(Selection.of(ExportMode.SDT, List.of(rightLater, wrongFirst), request).kept()).containsExactly(wrongFirst);
    }

    @Test
    void evalSplitsAreKeptOnlyWhenAllowed() {
        assertThat(Selection.of(ExportMode.SDR, List.of(evalSplit), request).dropped()).containsOnly(entry(DropReason.EVAL_SPLIT, 1));
        assertThat(Selection.of(ExportMode.SDR, List.of(evalSplit), request.withAllowEvalSplits(true)).kept()).containsExactly(evalSplit);
    }

    @Test
    void datasetAndSinceFiltersCountWhatTheyDrop() {
        DistillExample drop = with(right, b -> b.setDataset("drop").setProblemId("d1").setQuestion("Who scored first?"));
        Selection s = Selection.of(ExportMode.SDT, List.of(right, drop, wrong), request.withDataset("gsm8k").withSince(2));
        assertThat(s.kept()).containsExactly(wrong);
        assertThat(s.dropped()).containsOnly(entry(DropReason.OTHER_DATASET, 1), entry(DropReason.BEFORE_SINCE, 1));
    }

    @Test
    void theResultDoesNotDependOnTheOrderExamplesAreRead() {
        List<DistillExample> shuffled = new ArrayList<>(all);
        Collections.reverse(shuffled);
        assertThat(Selection.of(ExportMode.SDT, shuffled, request)).isEqualTo(Selection.of(ExportMode.SDT, all, request));
    }

    @Test
    void aValidShareOutsideZeroToOneIsRefusedClearly() {
        assertThatThrownBy(() -> request.withValidShare(1.0)).hasMessageContaining("--valid-share must be in [0, 1)");
    }
}
