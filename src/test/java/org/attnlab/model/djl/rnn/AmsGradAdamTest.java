package org.attnlab.model.djl.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.attnlab.model.TrainingOptions;
import org.junit.jupiter.api.Test;

/**
 * The optimiser against torch.optim.Adam(amsgrad=True, weight_decay)'s update rule written in plain
 * Java, over steps whose gradients shrink so that vmax differs from v, and with gradients that would
 * be wrong if the previous step's were not zeroed.
 */
class AmsGradAdamTest {

    @Test
    void followsTorchAdamWithAmsGradAndCoupledWeightDecay() {
        double lr = 0.1;
        double wd = 0.01;
        double[] w = {0.5, -1.0, 2.0};
        double[][] coefficients = {{3, -2, 1}, {0.1, 0.2, -0.1}, {-1, 0.05, 0.5}, {0.01, 0.01, 0.01}};
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray weight = m.create(w.clone());
            AmsGradAdam adam = new AmsGradAdam(new TrainingOptions(lr, wd, 0, "all"), Map.of("w", weight), m);
            double[] mean = new double[3];
            double[] var = new double[3];
            double[] varMax = new double[3];
            for (int step = 1; step <= coefficients.length; step++) {
                double[] c = coefficients[step - 1];
                weight.setRequiresGradient(true);
                try (NDManager sub = m.newSubManager();
                     GradientCollector collector = sub.getEngine().newGradientCollector()) {
                    // loss = sum(c * w^2 / 2): gradient c * w
                    NDArray half = sub.create(0.5);
                    collector.backward(weight.mul(weight).mul(sub.create(c)).mul(half).sum());
                }
                adam.update(Map.of("w", weight));
                weight.setRequiresGradient(false);
                for (int i = 0; i < 3; i++) {
                    double g = c[i] * w[i] + wd * w[i];
                    mean[i] = 0.9 * mean[i] + 0.1 * g;
                    var[i] = 0.999 * var[i] + 0.001 * g * g;
                    varMax[i] = Math.max(varMax[i], var[i]);
                    double denominator = Math.sqrt(varMax[i]) / Math.sqrt(1 - Math.pow(0.999, step)) + 1e-8;
                    w[i] -= lr / (1 - Math.pow(0.9, step)) * mean[i] / denominator;
                }
                double[] actual = weight.toType(DataType.FLOAT64, false).toDoubleArray();
                for (int i = 0; i < 3; i++) {
                    assertEquals(w[i], actual[i], 1e-12, "step " + step + " weight " + i);
                }
            }
        }
    }
}
