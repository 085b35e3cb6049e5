from django.forms.renderers import TemplatesSetting


class ClinicFormRenderer(TemplatesSetting):
    """Forms render through templates/forms/, with errors beside each field."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
