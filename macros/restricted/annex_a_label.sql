{#
    The value labels of the Annex A lists (docs/contracts/annex-a.md): the one place where a
    code becomes Ofsted's lettered label. annex_a_label(label_set, code, unknown) is a case
    expression mapping the SQL expression `code` through the set; a code outside the set
    (and null) becomes `unknown`, a SQL expression (default null: blank). The sets are those
    the contract lists; a coded column whose labels it does not list is output as its code
    (Settled points), so it has no set here.
#}
{% macro annex_a_label(label_set, code, unknown='null') -%}
    {%- set sets = {
        'gender': [
            ('M', 'a) Male'), ('F', 'b) Female'), ('U', 'c) Not stated/recorded'), ('I', 'd) Neither'),
        ],
        'ethnicity': [
            ('WBRI', 'a) WBRI'), ('WIRI', 'b) WIRI'), ('WIRT', 'c) WIRT'), ('WOTH', 'd) WOTH'),
            ('WROM', 'e) WROM'), ('MWBC', 'f) MWBC'), ('MWBA', 'g) MWBA'), ('MWAS', 'h) MWAS'),
            ('MOTH', 'i) MOTH'), ('AIND', 'j) AIND'), ('APKN', 'k) APKN'), ('ABAN', 'l) ABAN'),
            ('AOTH', 'm) AOTH'), ('BCRB', 'n) BCRB'), ('BAFR', 'o) BAFR'), ('BOTH', 'p) BOTH'),
            ('CHNE', 'q) CHNE'), ('OOTH', 'r) OOTH'), ('REFU', 's) REFU'), ('NOBT', 't) NOBT'),
        ],
        'source': [
            ('1A', 'a) 1A: Individual'), ('1B', 'b) 1B: Individual'), ('1C', 'c) 1C: Individual'),
            ('1D', 'd) 1D: Individual'), ('2A', 'e) 2A: Schools'), ('2B', 'f) 2B: Education services'),
            ('3A', 'g) 3A: Health services'), ('3B', 'h) 3B: Health services'),
            ('3C', 'i) 3C: Health services'), ('3D', 'j) 3D: Health services'),
            ('3E', 'k) 3E: Health services'), ('3F', 'l) 3F: Health services'), ('4', 'm) 4: Housing'),
            ('5A', 'n) 5A: LA services'), ('5B', 'o) 5B: LA services'), ('5C', 'p) 5C: LA services'),
            ('5D', 'p1) 5D: LA services'), ('6', 'q) 6: Police'), ('7', 'r) 7: Other legal agency'),
            ('8', 's) 8: Other'), ('9', 't) 9: Anonymous'), ('10', 'u) 10: Unknown'),
        ],
        'primary_need': [
            ('N1', 'N1 - Abuse or neglect'), ('N2', 'N2 - Child’s disability'),
            ('N3', 'N3 - Parental disability or illness'), ('N4', 'N4 - Family in acute stress'),
            ('N5', 'N5 - Family dysfunction'), ('N6', 'N6 - Socially unacceptable behaviour'),
            ('N7', 'N7 - Low income'), ('N8', 'N8 - Absent parenting'),
            ('N9', 'N9 - Cases other than children in need'), ('N0', 'N0 - Not stated'),
        ],
        'closure_reason': [
            ('RC1', 'RC1 - Adopted'), ('RC2', 'RC2 - Died'), ('RC3', 'RC3 - Child arrangements order'),
            ('RC4', 'RC4 - Special guardianship order'),
            ('RC5', 'RC5 - Transferred to services of another local authority'),
            ('RC6', 'RC6 - Transferred to adult social care services'),
            ('RC7', 'RC7 - Services ceased for any other reason, including child no longer in need'),
            ('RC8', 'RC8 - Case closed after assessment, no further action'),
            ('RC9', 'RC9 - Case closed after assessment, referred to early help'),
        ],
        'category_of_abuse': [
            ('NEG', 'a) Neglect'), ('PHY', 'b) Physical abuse'), ('SAB', 'c) Sexual abuse'),
            ('EMO', 'd) Emotional abuse'), ('MUL', 'e) Multiple/not recommended'),
        ],
        'eligibility': [
            ('RELEVANT', 'a) Relevant child'), ('FORMER_RELEVANT', 'b) Former relevant child'),
            ('QUALIFYING', 'c) Qualifying care leaver'), ('ELIGIBLE', 'd) Eligible child'),
        ],
        'in_touch': [
            ('YES', 'a) Yes'), ('NO', 'b) No'), ('DIED', 'c) Died'), ('REFU', 'd) Refu'),
            ('NREQ', 'e) NREQ'), ('RHOM', 'f) Rhom'),
        ],
        'accommodation_type': [
            ('B', 'B: Parents/relatives'), ('C', 'C: Community home / residential care'),
            ('D', 'D: Semi-independent, transitional accommodation and self-contained accommodation'),
            ('E', 'E: Supported lodgings'), ('G', 'G: Abroad'), ('H', 'H: Deported'),
            ('K', 'K: Ordinary lodgings, without formal support'), ('R', 'R: Residence not known'),
            ('S', 'S: No fixed abode / homeless'), ('T', 'T: Foyers and similar supported accommodation'),
            ('U', 'U: Independent living'), ('V', 'V: Emergency accommodation'), ('W', 'W: Bed and breakfast'),
            ('X', 'X: In custody'), ('Y', 'Y: Other accommodation'), ('Z', 'Z: With former foster carers'),
        ],
        'activity': [
            ('F1', 'F1: Full time in higher education'), ('P1', 'P1: Part time in higher education'),
            ('F2', 'F2: Full time in education other than higher'),
            ('P2', 'P2: Part time in education other than higher'),
            ('F4', 'F4: Young person engaged full time in an apprenticeship'),
            ('P4', 'P4: Young person engaged part time in an apprenticeship'),
            ('F5', 'F5: Young person engaged full time in training or employment (not apprenticeship)'),
            ('P5', 'P5: Young person engaged part time in training or employment (not apprenticeship)'),
            ('G4', 'G4: Not in education, employment or training - illness or disability'),
            ('G5', 'G5: Not in education, employment or training - other'),
            ('G6', 'G6: Not in education, employment or training - pregnancy or parenting'),
        ],
        'decision_reversed_reason': [
            ('RD1', "RD1 - The child's needs changed subsequent to the decision"),
            ('RD2', 'RD2 - The Court did not make a placement order'),
            ('RD3', 'RD3 - Prospective adopters could not be found'),
            ('RD4', 'RD4 - Any other reason'),
        ],
        'legal_status': [
            ('C1', 'C1: ICO'), ('C2', 'C2: FCO'), ('D1', 'D1: Freeing order'), ('E1', 'E1: Placement order'),
            ('V2', 'V2: Single period under S20'), ('L2', 'L2: EPO'),
        ],
        'yes_no': [('Y', 'a) Yes'), ('N', 'b) No')],
        'yes_no_unknown': [('Y', 'a) Yes'), ('N', 'b) No'), ('U', 'c) Unknown')],
    } -%}
    {%- if label_set not in sets -%}
        {{ exceptions.raise_compiler_error("annex_a_label: no label set '" ~ label_set ~ "' (one of "
            ~ (sets.keys() | list | join(', ')) ~ ")") }}
    {%- endif -%}
    case {{ code }}
        {%- for value, label in sets[label_set] %}
        when '{{ value }}' then '{{ label | replace("'", "''") }}'
        {%- endfor %}
        else {{ unknown }}
    end
{%- endmacro %}
