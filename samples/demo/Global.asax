<%@ Application Language="Java" Inherits="demo.Global" %>
