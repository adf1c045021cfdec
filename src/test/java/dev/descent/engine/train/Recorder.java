package dev.descent.engine.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records a run's events as text lines with every number in full precision. */
final class Recorder implements TrainingListener {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<StatusEvent> statuses = new CopyOnWriteArrayList<>();
    final List<StepEvent> steps = new CopyOnWriteArrayList<>();

    @Override
    public void onStep(StepEvent e) {
        steps.add(e);
        StringBuilder b = new StringBuilder(e.run()).append(',').append(e.step()).append(',').append(e.epoch())
                .append(',').append(e.trainLoss()).append(',').append(e.learningRate());
        for (int i = 0; i < e.layout().parameterNodes().size(); i++) {
            b.append(',').append(e.gradientNorm(i)).append(',').append(e.weightNorm(i)).append(',').append(e.updateRatio(i));
        }
        for (int i = 0; i < e.layout().activationNodes().size(); i++) {
            b.append(',').append(e.activationMean(i)).append(',').append(e.activationStd(i)).append(',')
                    .append(e.saturatedFraction(i));
        }
        lines.add(b.toString());
    }

    @Override
    public void onEvaluation(EvaluationEvent e) {
        lines.add(e.run() + ",eval," + e.step() + "," + e.validationLoss() + "," + e.validationAccuracy());
    }

    @Override
    public void onStatus(StatusEvent e) {
        statuses.add(e);
    }

    List<String> linesOf(String run) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith(run + ",")).toList();
        }
    }
}
