"""Figures shared by several cases (the case-specific ones are in the case
modules, scripts/ns_figures.py and scripts/shallow_water_figures.py)."""
import ns_figures


def draw_convergence(series, out, title, ylabel="error", slopes=(2,), xlabel="h"):
    """Errors against h on log axes, one line per (label, hs, errors,
    orders), the observed order written beside each segment, and reference
    slopes drawn through the finest point of the first series."""
    plt = ns_figures.pyplot()
    fig, ax = plt.subplots(figsize=(5.8, 4.2))
    for label, hs, errors, orders in series:
        (line,) = ax.loglog(hs, errors, "o-", label=label)
        for i, p in enumerate(orders):
            ax.annotate(f"{p:.2f}", ((hs[i] * hs[i + 1]) ** 0.5, (errors[i] * errors[i + 1]) ** 0.5),
                        fontsize=8, color=line.get_color(), xytext=(4, 4), textcoords="offset points")
    for k, slope in enumerate(slopes):
        _, hs, errors, _ = series[min(k, len(series) - 1)]
        ax.loglog(hs, [errors[-1] * (h / hs[-1]) ** slope for h in hs], "k--", lw=0.7, alpha=0.7,
                  label=f"slope {slope}")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
