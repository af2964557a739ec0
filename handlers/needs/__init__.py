"""«نیازهای فناورانهٔ خوشه»: the members' board (`nd:`) and the CDA's needs and providers (`nda:`)."""
