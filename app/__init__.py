"""The panelqa command line and the Streamlit chat."""
