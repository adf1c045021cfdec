package dev.descent.export;

import dev.descent.engine.optim.OptimizerType;
import dev.descent.engine.vocab.Choice;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's optimizer: a {@code torch.optim} optimizer where Descent's rule is torch's, or the rule written
 * out as a small {@code torch.optim.Optimizer} where it is not.
 */
final class OptimizerCode {
    private final Choice<OptimizerType> choice;

    OptimizerCode(Choice<OptimizerType> choice) {
        this.choice = choice;
    }

    private String v(String key) {
        return Py.number(choice.value(key));
    }

    /** The L2 weight-decay argument, or none (AdamW's decay is decoupled and passed on its own). */
    private List<String> decay() {
        double lambda = choice.value(OptimizerType.WEIGHT_DECAY);
        return lambda == 0 || choice.term().decoupledWeightDecay() ? List.of()
                : List.of("weight_decay=" + Py.number(lambda));
    }

    private String eps() {
        return "eps=" + v("eps");
    }

    private String betas() {
        return "betas=(" + v("beta1") + ", " + v("beta2") + ")";
    }

    private Call call(String function, String... args) {
        List<String> all = new ArrayList<>();
        all.add("parameters");
        all.add("lr=" + v(OptimizerType.LEARNING_RATE));
        all.addAll(List.of(args));
        all.addAll(decay());
        return new Call(function, all);
    }

    /** The gradient-clipping threshold, or 0 for none. */
    double clipNorm() {
        return choice.value(OptimizerType.CLIP_NORM);
    }

    /** The optimizer class the script defines itself, or "". */
    String customClass() {
        return switch (choice.term()) {
            case RMSPROP -> ND4J_RMSPROP;
            case ADAM, ADAMW, AMSGRAD -> ND4J_ADAM;
            case NADAM -> NADAM;
            case SGD, MOMENTUM, NESTEROV, ADAGRAD, ADADELTA, ADAMAX -> "";
        };
    }

    /** {@code make_optimizer(parameters)}. */
    String factory() {
        Call made = switch (choice.term()) {
            case SGD -> call("torch.optim.SGD");
            case MOMENTUM -> call("torch.optim.SGD", "momentum=" + v("momentum"));
            case NESTEROV -> call("torch.optim.SGD", "momentum=" + v("momentum"), "nesterov=True");
            case RMSPROP -> call("Nd4jRMSprop", "alpha=" + v("rho"), eps());
            case ADAGRAD -> call("torch.optim.Adagrad", eps(), "initial_accumulator_value=1e-6");
            case ADADELTA -> call("torch.optim.Adadelta", "rho=" + v("rho"), eps());
            case ADAM -> call("Nd4jAdam", betas(), eps());
            case ADAMW -> call("Nd4jAdam", betas(), eps(), "decoupled_weight_decay=" + v(OptimizerType.WEIGHT_DECAY));
            case ADAMAX -> call("torch.optim.Adamax", betas(), eps());
            case NADAM -> call("DescentNAdam", betas(), eps(), "momentum_decay=" + v("momentumDecay"));
            case AMSGRAD -> call("Nd4jAdam", betas(), eps(), "amsgrad=True");
        };
        return "def make_optimizer(parameters):\n"
                + Py.wrap("Descent: " + Py.text(choice.describe()) + "; " + Py.text(why()), Call.WIDTH, "    # ")
                + made.statement(4, "return ");
    }

    /** Where Descent's rule comes from and how the script follows it. */
    private String why() {
        return switch (choice.term()) {
            case SGD -> "ND4J's Sgd updater, torch.optim.SGD's rule";
            case MOMENTUM -> "Descent's own heavy-ball rule v ← μv + g, θ ← θ − ηv, torch.optim.SGD's";
            case NESTEROV -> "ND4J's Nesterovs updater at η = 1 scaled by η, torch.optim.SGD(nesterov=True)'s rule";
            case RMSPROP -> "ND4J's RmsProp updater, written out above";
            case ADAGRAD -> "ND4J's AdaGrad updater, whose sum of squares starts at 1e-6 as here (from torch's"
                    + " default 0 the loss drifts from Descent's by 14% within 17 steps on sample-data/optimizers.json)";
            case ADADELTA -> "ND4J's AdaDelta updater at η = 1 scaled by η, torch.optim.Adadelta's rule";
            case ADAM -> "ND4J's Adam updater, written out above";
            case ADAMW -> "ND4J's Adam updater (written out above) plus Descent's decoupled decay θ ← θ − ηλθ, as"
                    + " torch.optim.AdamW";
            case ADAMAX -> "Descent's own rule, torch.optim.Adamax's (ε inside the maximum)";
            case NADAM -> "Descent's own rule, torch.optim.NAdam's as of PyTorch 2.0 (written out above)";
            case AMSGRAD -> "ND4J's AMSGrad updater, written out above";
        };
    }

    private static final String ND4J_RMSPROP = """
            class Nd4jRMSprop(torch.optim.Optimizer):
                \"""RMSprop as Descent computes it, with ND4J's RmsProp updater: torch.optim.RMSprop's rule

                    s ← ρs + (1 − ρ)g²,   θ ← θ − η·g/(√s + ε)

                except that s starts at ε instead of 0. While the squared gradients are small beside ε that
                changes the first steps a lot (torch.optim.RMSprop's loss drifts from Descent's by 8% within 25
                steps on sample-data/optimizers.json), so the rule is written out.
                \"""

                def __init__(self, params, lr, alpha=0.99, eps=1e-8, weight_decay=0.0):
                    super().__init__(params, dict(lr=lr, alpha=alpha, eps=eps, weight_decay=weight_decay))

                @torch.no_grad()
                def step(self):
                    for group in self.param_groups:
                        for p in group["params"]:
                            if p.grad is None:
                                continue
                            g = p.grad
                            if group["weight_decay"] != 0:
                                g = g.add(p, alpha=group["weight_decay"])  # L2: g ← g + λθ
                            state = self.state[p]
                            if not state:
                                state["s"] = torch.full_like(p, group["eps"])
                            s = state["s"]
                            s.mul_(group["alpha"]).addcmul_(g, g, value=1 - group["alpha"])
                            p.addcdiv_(g, s.sqrt().add_(group["eps"]), value=-group["lr"])


            """;

    private static final String ND4J_ADAM = """
            class Nd4jAdam(torch.optim.Optimizer):
                \"""Adam as Descent computes it, with ND4J's Adam updater, which folds the bias corrections
                into the step size:

                    m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
                    θ ← θ − αₜ·m/(√v + ε),   αₜ = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)

                This is torch.optim.Adam's rule but for the size of ε: torch divides by √v/√(1 − β₂ᵗ) + ε,
                so ND4J's ε acts as torch's ε/√(1 − β₂ᵗ), 30 times larger at the first step. The loss of
                torch.optim.Adam drifts from Descent's by 3·10⁻³ within 100 steps on
                sample-data/optimizers.json, so the rule is written out. With amsgrad=True, v is replaced by
                its running maximum, as in ND4J's AMSGrad updater. decoupled_weight_decay λ shrinks the
                weights by ηλθ each step, as AdamW does; weight_decay adds λθ to the gradient (L2).
                \"""

                def __init__(self, params, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                             decoupled_weight_decay=0.0, amsgrad=False):
                    defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                    decoupled_weight_decay=decoupled_weight_decay, amsgrad=amsgrad)
                    super().__init__(params, defaults)

                @torch.no_grad()
                def step(self):
                    for group in self.param_groups:
                        beta1, beta2 = group["betas"]
                        for p in group["params"]:
                            if p.grad is None:
                                continue
                            g = p.grad
                            if group["weight_decay"] != 0:
                                g = g.add(p, alpha=group["weight_decay"])  # L2: g ← g + λθ
                            state = self.state[p]
                            if not state:
                                zeros = torch.zeros_like
                                state.update(t=0, m=zeros(p), v=zeros(p), v_max=zeros(p))
                            state["t"] += 1
                            t = state["t"]
                            m, v = state["m"], state["v"]
                            m.mul_(beta1).add_(g, alpha=1 - beta1)
                            v.mul_(beta2).addcmul_(g, g, value=1 - beta2)
                            if group["amsgrad"]:
                                torch.maximum(state["v_max"], v, out=state["v_max"])
                                v = state["v_max"]
                            if group["decoupled_weight_decay"] != 0:
                                p.mul_(1 - group["lr"] * group["decoupled_weight_decay"])  # AdamW: θ ← θ − ηλθ
                            step_size = group["lr"] * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
                            p.addcdiv_(m, v.sqrt().add_(group["eps"]), value=-step_size)


            """;

    private static final String NADAM = """
            class DescentNAdam(torch.optim.Optimizer):
                \"""NAdam as Descent computes it (Dozat 2016; torch.optim.NAdam as of PyTorch 2.0):

                    μₜ = β₁·(1 − ½·0.96^(t·ψ)),   m ← β₁m + (1 − β₁)g,   v ← β₂v + (1 − β₂)g²
                    v̂ = v/(1 − β₂ᵗ),   θ ← θ − η(1 − μₜ)/(1 − Π₁..ₜ μ) · g/(√v̂ + ε)
                                         − η·μₜ₊₁/(1 − Π₁..ₜ₊₁ μ) · m/(√v̂ + ε)

                Written out because PyTorch 1.13's NAdam multiplies μₜ into the product Π₁..ₜ₊₁ μ twice
                (fixed in 2.0): its loss drifts from Descent's by 2·10⁻³ within 6 steps. With PyTorch 2.0 or
                later, torch.optim.NAdam computes the same as this class.
                \"""

                def __init__(self, params, lr, betas=(0.9, 0.999), eps=1e-8, momentum_decay=0.004,
                             weight_decay=0.0):
                    defaults = dict(lr=lr, betas=betas, eps=eps, momentum_decay=momentum_decay,
                                    weight_decay=weight_decay)
                    super().__init__(params, defaults)

                @torch.no_grad()
                def step(self):
                    for group in self.param_groups:
                        beta1, beta2 = group["betas"]
                        for p in group["params"]:
                            if p.grad is None:
                                continue
                            g = p.grad
                            if group["weight_decay"] != 0:
                                g = g.add(p, alpha=group["weight_decay"])  # L2: g ← g + λθ
                            state = self.state[p]
                            if not state:
                                state.update(t=0, mu_product=1.0, m=torch.zeros_like(p), v=torch.zeros_like(p))
                            state["t"] += 1
                            t = state["t"]
                            mu = beta1 * (1 - 0.5 * 0.96 ** (t * group["momentum_decay"]))
                            mu_next = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * group["momentum_decay"]))
                            state["mu_product"] *= mu
                            m, v = state["m"], state["v"]
                            m.mul_(beta1).add_(g, alpha=1 - beta1)
                            v.mul_(beta2).addcmul_(g, g, value=1 - beta2)
                            denominator = (v / (1 - beta2 ** t)).sqrt().add_(group["eps"])
                            lr = group["lr"]
                            product = state["mu_product"]
                            p.addcdiv_(g, denominator, value=-lr * (1 - mu) / (1 - product))
                            p.addcdiv_(m, denominator, value=-lr * mu_next / (1 - product * mu_next))


            """;
}
