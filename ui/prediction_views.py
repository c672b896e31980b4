"""A link that opens one image's logits in the softmax explorer (the predictions and own-picture pages)."""
import streamlit as st


def softmax_link(z, true_class: int | None, dataset_name: str, label: str) -> None:
    """A link that opens logits ``z`` (one per class) in the softmax explorer, with the class names of
    Fashion-MNIST when the data set is that, and ``true_class`` as the explorer's true class."""
    params = {"n": str(len(z)), **{f"z{i}": f"{v:.3f}" for i, v in enumerate(z)}}
    if true_class is not None:
        params["y"] = str(true_class)
    if dataset_name == "fashion_mnist":
        params["labels"] = "fashion"
    st.page_link("views/softmax_explorer.py", label=label, icon=":material/bar_chart:", query_params=params)
